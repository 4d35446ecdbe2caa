module.exports = require("../../../tools/preload/lazyModule").lazyModule("typescript");
