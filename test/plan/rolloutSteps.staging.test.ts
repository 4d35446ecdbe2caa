// Replacing an SBC never drops calls (S5), in staging: the tests are in rolloutSteps.ts.
import { describeRollout } from "./rolloutSteps";

describeRollout("staging");
