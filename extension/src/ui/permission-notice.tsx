// Says when e-Box Keeper may not read the e-Box (a host permission revoked or never granted), checked when the
// popup or side panel opens and whenever permissions change, with a button that asks for them again.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/i18n.ts';
import { missingHostPermissions, requestHostPermissions, watchHostPermissions } from '../platform/host-permissions.ts';

export function PermissionNotice() {
  const [missing, setMissing] = useState<string[]>([]);
  useEffect(() => {
    const check = () => void missingHostPermissions().then(setMissing);
    check();
    return watchHostPermissions(check);
  }, []);
  if (missing.length === 0) return null;
  return (
    <p class="permission-notice" role="alert" data-field="permission-notice">
      {t('install.permissionMissing', missing.map((o) => o.replace(/\/\*$/, '')).join(', '))}{' '}
      <button type="button" data-action="grant-permissions" onClick={() => void requestHostPermissions(missing).then(() => missingHostPermissions().then(setMissing))}>
        {t('install.permissionGrant')}
      </button>
    </p>
  );
}
