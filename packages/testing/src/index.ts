/**
 * What tests across tasklane's packages share. Importing it registers afterEach cleanups (services
 * stopped, processes killed, folders removed), so it is for test files; a benchmark takes what it
 * needs from the side-effect-free subpaths (`@tasklane/testing/engines`, `/files`, `/handlers`, `/spawn`).
 */
export { virtualClock, type VirtualClock } from "./clock.ts";
export { tempDir } from "./dirs.ts";
export { type TestRedis, deploymentEnv, freePort, freshDatabase, startRedis, takeDatabaseAway, testDatabaseUrl } from "./engines.ts";
export { bigStockFile } from "./files.ts";
export { gate, heldHandlers, heldRecalculation, recalcResult, sumWithProgress, testHandlers, untilAborted } from "./handlers.ts";
export { type Cluster, startCluster } from "./cluster.ts";
export { type ReadyMessage, type ServiceProcess, exitCode, spawnProcess, startApi, startProcess, stopProcess } from "./process.ts";
export { type TestService, count, distributed, startDistributedService, startService, stoppingService } from "./service.ts";
export { type TaskGetAnswer, askTaskGet } from "./task-get-answer.ts";
