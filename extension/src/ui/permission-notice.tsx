// Says when e-Box Keeper may not read the e-Box (a host permission revoked or never granted), checked when the
// popup opens and whenever permissions change, with a button that asks for them again.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/src/i18n/i18n';
import { missingHostPermissions, requestHostPermissions, watchHostPermissions } from '@/src/platform/host-permissions';

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
