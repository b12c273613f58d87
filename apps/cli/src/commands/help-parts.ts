import { GIVE_UP_AFTER_DEFAULT_S } from "../args.ts";
import { t } from "../i18n/i18n.ts";
import { mappingHelp } from "../mapping-options.ts";

/** The parts several commands' help texts share, filled into their {{connection}}, {{wait}} and {{mapping}}. */
export function helpParts() {
  return {
    connection: t("help.connection"),
    wait: t("help.wait", { giveUpAfter: String(GIVE_UP_AFTER_DEFAULT_S) }),
    mapping: mappingHelp(),
    giveUpAfter: String(GIVE_UP_AFTER_DEFAULT_S),
  };
}
