// A sender's logo as the registry serves it (its image content needs the bearer token, like every call).
import { useEffect, useState } from 'preact/hooks';
import type { WireSenderOrganization } from '../../../../shared/ebox/wire.ts';
import { session } from './session.ts';

const logoUrls = new Map<string, Promise<string>>();

function logoUrl(href: string): Promise<string> {
  let p = logoUrls.get(href);
  if (!p) {
    p = fetch(href, { headers: { Authorization: `Bearer ${session()?.token ?? ''}` } })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(`logo ${r.status}`))))
      .then((b) => URL.createObjectURL(b));
    logoUrls.set(href, p);
    p.catch(() => logoUrls.delete(href));
  }
  return p;
}

export function SenderLogo({ org }: { org: WireSenderOrganization | undefined }) {
  const logos = (org?.organizationLogos ?? []) as Array<{ contentHref?: string }>;
  const href = logos[0]?.contentHref;
  const [src, setSrc] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    if (href) logoUrl(href).then((u) => live && setSrc(u), () => undefined);
    return () => {
      live = false;
    };
  }, [href]);
  return src ? <img class="sender-logo" src={src} alt="" width={28} height={28} /> : <span class="sender-logo sender-logo-empty" aria-hidden="true" />;
}
