// Reads a company's PKCS#12 (.p12/.pfx). node-forge only parses the container and decrypts its bags; the key is
// handed to node:crypto at once and every signature is made natively (forge's RSA is slow and had forgery CVEs).
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import forge from 'node-forge';
import { checkKeyMatchesCertificate, schemeForKey, type Identity } from './identity.ts';

export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
}

export function importPkcs12(
  p12: Uint8Array,
  password: string,
  rsaScheme?: 'rsa-pkcs1-sha256' | 'rsa-pss-sha256',
): Identity {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')), true);
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    if (/MAC could not be verified|Invalid password|decrypt/i.test(msg)) {
      throw new Pkcs12Error('wrong password for this PKCS#12 file');
    }
    throw new Pkcs12Error(`not a readable PKCS#12 file (${msg})`);
  }
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  if (keyBags.length !== 1) throw new Pkcs12Error(`the PKCS#12 file must hold exactly one private key (it holds ${keyBags.length})`);
  const bag = keyBags[0]!;
  // forge understands RSA keys only; for EC it leaves the decrypted PrivateKeyInfo in bag.asn1.
  const keyAsn1 = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  const keyDer = Buffer.from(forge.asn1.toDer(keyAsn1).getBytes(), 'binary');
  let privateKey;
  try {
    privateKey = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new Pkcs12Error(`the private key in the PKCS#12 file cannot be read (${(err as Error).message})`);
  }
  // forge parses RSA certificates only; for others it leaves the certificate's ASN.1 in bag.asn1.
  const certs = (pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [])
    .map((b) => Buffer.from(forge.asn1.toDer(b.cert ? forge.pki.certificateToAsn1(b.cert) : (b.asn1 as forge.asn1.Asn1)).getBytes(), 'binary'))
    .map((der) => new X509Certificate(der));
  if (certs.length === 0) throw new Pkcs12Error('the PKCS#12 file holds no certificate');
  const publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const leaf = certs.find((c) => (c.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).equals(publicDer));
  if (!leaf) throw new Pkcs12Error('no certificate in the PKCS#12 file matches its private key');
  const chain = [leaf];
  for (let cur = leaf; chain.length <= certs.length; ) {
    const issuer = certs.find((c) => !chain.includes(c) && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!issuer) break;
    chain.push(issuer);
    cur = issuer;
  }
  let scheme;
  try {
    scheme = schemeForKey(privateKey, rsaScheme);
  } catch (err) {
    throw new Pkcs12Error((err as Error).message);
  }
  const now = Date.now();
  if (now > Date.parse(leaf.validTo)) throw new Pkcs12Error(`the certificate expired on ${new Date(leaf.validTo).toISOString()}: receipts signed with it would not be valid`);
  if (now < Date.parse(leaf.validFrom)) throw new Pkcs12Error(`the certificate is not valid before ${new Date(leaf.validFrom).toISOString()}`);
  const identity: Identity = { privateKey, chain: chain.map((c) => Buffer.from(c.raw)), scheme, development: false };
  checkKeyMatchesCertificate(identity);
  return identity;
}
