module.exports = require("./lazyModule").lazyModule("typescript");
