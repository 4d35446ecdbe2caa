module.exports = require("../../../tools/preload/lazyModule").lazyModule("@npmcli/arborist");
