/** `npm run test:voice`: real Kamailio, rtpengine and SIPp on loopback; one file at a time (fixed ports). */
const { SWC_TRANSFORM } = require("./jest.swc");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/voice"],
  testMatch: ["**/*.voice.ts"],
  transform: SWC_TRANSFORM,
  testTimeout: 90000,
  maxWorkers: 1,
};
