/** `npm run test:voice`: real Kamailio, rtpengine and SIPp on loopback; one file at a time (fixed ports). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/voice"],
  testMatch: ["**/*.voice.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 90000,
  maxWorkers: 1,
};
