module.exports = require("./lazyModule").lazyModule("@npmcli/arborist");
