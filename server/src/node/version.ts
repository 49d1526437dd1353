/** The version of ScaleLint: the CLI's --version, SARIF's driver, the server's start line. A test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
