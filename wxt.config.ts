import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { extensionHostPermissions } from './extension/src/ebox-adapter/origins';
import { CHROME_EXTENSION_KEY, FIREFOX_EXTENSION_ID } from './shared/extension-ids';

// WXT_EBOX_SANDBOX=1 makes the test build, which also reaches the local e-Box sandbox; the store build never does.
const sandbox = process.env.WXT_EBOX_SANDBOX === '1';

export default defineConfig({
  srcDir: 'extension',
  outDir: sandbox ? '.output-sandbox' : '.output',
  modules: ['@wxt-dev/i18n/module'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // nativeMessaging: pairing with the helper without a code, through the host `ebox-keeper install` registers.
    // dns (Firefox only): a sender-given evidence host is resolved first, and refused when it points into the local network.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'downloads', 'nativeMessaging', ...(browser === 'firefox' ? ['dns'] : [])],
    host_permissions: extensionHostPermissions(sandbox),
    // Providers of the e-Box federation and QERDS providers beyond the ones known: asked for when first seen.
    optional_host_permissions: sandbox ? ['https://*/*', 'http://*/*'] : ['https://*/*'],
    // key: the same extension ID for every Chrome build, which the native-messaging host manifest names.
    ...(browser === 'chrome' ? { message_serialization: 'structured_clone', key: CHROME_EXTENSION_KEY } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_EXTENSION_ID,
              // 140 (the ESR) is the first to read data_collection_permissions.
              strict_min_version: '140.0',
              // Nothing leaves the computer: the archive stays in IndexedDB and proofs go to the helper on 127.0.0.1.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
