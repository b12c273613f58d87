import { describe, expect, expectTypeOf, it } from "vitest";
import { startService, stoppingService } from "@tasklane/testing";
import {
  type ERROR_STATUS,
  type ErrorCode,
  type RequestErrorCode,
  TasklaneRequestError,
  type UNAVAILABLE_REASONS,
  type UnavailableReason,
  createTasklaneClient,
} from "../src/index.ts";

const SLOW = { timeout: 60_000 };

describe("TasklaneRequestError's code and reason are typed from the contract's lists", () => {
  it("code: a code the service answers, UNREACHABLE, or HTTP_<status> for an answer that is not the service's", () => {
    expectTypeOf<TasklaneRequestError["code"]>().toEqualTypeOf<RequestErrorCode>();
    expectTypeOf<RequestErrorCode>().toEqualTypeOf<ErrorCode | "UNREACHABLE" | `HTTP_${number}`>();
    expectTypeOf<keyof typeof ERROR_STATUS>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<"SERVICE_UNAVAILABLE">().toExtend<RequestErrorCode>();
    expectTypeOf<"HTTP_502">().toExtend<RequestErrorCode>();
    expectTypeOf<"NO_SUCH_CODE">().not.toExtend<RequestErrorCode>();
  });

  it("reason: stopping or engineUnavailable, null on every other error", () => {
    expectTypeOf<TasklaneRequestError["reason"]>().toEqualTypeOf<UnavailableReason | null>();
    expectTypeOf<(typeof UNAVAILABLE_REASONS)[number]>().toEqualTypeOf<"stopping" | "engineUnavailable">();
  });
});

describe("a 503 says why", SLOW, () => {
  it("a stopping service refuses a submit with SERVICE_UNAVAILABLE and reason stopping, while it still answers reads", async () => {
    const service = await stoppingService();
    const client = createTasklaneClient({ url: service.url });
    const { taskId } = service;
    try {
      const error = await client.submit.recalculate({}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TasklaneRequestError);
      expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, reason: "stopping", fieldErrors: null });
      expect((error as Error).message).toBe("The service is stopping and takes no new tasks; try again in a moment");
      expect((error as TasklaneRequestError).text).toEqual({ key: "request.stopping" });
      expect((await client.getTask(taskId)).status).toBe("running");
    } finally {
      await service.release();
    }
  });

  it("other errors carry no reason", async () => {
    const { url } = await startService();
    const error = await createTasklaneClient({ url })
      .getTask("0b4f5a5e-8a49-4d2c-9d53-0d7e1c7b6f10")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, reason: null });
  });
});
