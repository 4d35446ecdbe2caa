// Replacing an SBC never drops calls (S5), in prod: the tests are in rolloutSteps.ts.
import { describeRollout } from "./rolloutSteps";

describeRollout("prod");
