// Receipt downloads that verify on their own (a detached .p7s is useless without its content):
// - receipt.p7m: the same CMS as in the log with the receipt JSON encapsulated. The signature covers the signed
//   attributes, whose message-digest is the JSON's, not the encapsulating structure: inserting the content into
//   the detached CMS keeps the very signature the log holds, and `openssl cms -verify` then needs nothing else.
// - receipt.zip: the JSON, its detached .p7s, the signer's chain (PEM), the inclusion proof and the signed
//   checkpoint, and a README.txt with the commands, in the receipt's language.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Receipt, ReceiptRecord } from '../../../shared/helper-api/receipts.ts';
import { parseDer } from '../cms/asn1.ts';
import { verifyCms } from '../cms/verifier.ts';
import type { Language } from '../i18n/catalogue.ts';

/** What the README shows and the tests run, with the file names of receipt.zip. */
export const VERIFY_ZIP_COMMAND = 'openssl cms -verify -binary -inform DER -in receipt.p7s -content receipt.json -CAfile signer-chain.pem -purpose any -out /dev/null';
export const VERIFY_P7M_COMMAND = 'openssl cms -verify -binary -inform DER -in receipt.p7m -CAfile signer-chain.pem -purpose any -out receipt.json';

/** The detached CMS with `content` encapsulated as its eContent ([0] EXPLICIT OCTET STRING), DER. */
export function attachContent(detachedCms: Uint8Array, content: Uint8Array): Buffer {
  const contentInfo = parseDer(detachedCms) as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const encap = signedData.valueBlock.value[2] as asn1js.Sequence;
  if (encap.valueBlock.value.length !== 1) throw new Error('the CMS already encapsulates its content');
  encap.valueBlock.value.push(
    new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: Uint8Array.from(content).buffer })] }),
  );
  return Buffer.from(contentInfo.toBER(false));
}

const README: Record<Language, (zip: string, p7m: string) => string> = {
  en: (zip, p7m) => `Acknowledgement of receipt made by e-Box Keeper.

receipt.json         the receipt (canonical JSON, RFC 8785): what was received, opened, by whom and when
receipt.p7s          its CAdES signature (CMS, detached)
signer-chain.pem     the certificates of the signer, as carried in the signature
inclusion-proof.json its place in the helper's tamper-evident log (RFC 9162), under checkpoint.txt
checkpoint.txt       the signed log checkpoint (C2SP signed note)

Check the signature (OpenSSL, in this folder):
  ${zip}
"Verification successful" means receipt.json is exactly what was signed. Trust comes from the signer's
certificate: compare signer-chain.pem with the company's certificate.
The same check on receipt.p7m (the signature with the JSON inside, offered as its own download):
  ${p7m}
`,
  fr: (zip, p7m) => `Accusé de réception établi par e-Box Keeper.

receipt.json         l'accusé (JSON canonique, RFC 8785) : ce qui a été reçu, ouvert, par qui et quand
receipt.p7s          sa signature CAdES (CMS détachée)
signer-chain.pem     les certificats du signataire, tels que la signature les porte
inclusion-proof.json sa place dans le journal infalsifiable de l'assistant (RFC 9162), sous checkpoint.txt
checkpoint.txt       le point de contrôle signé du journal (note signée C2SP)

Vérifier la signature (OpenSSL, dans ce dossier) :
  ${zip}
« Verification successful » signifie que receipt.json est exactement ce qui a été signé. La confiance vient du
certificat du signataire : comparez signer-chain.pem avec le certificat de l'entreprise.
La même vérification sur receipt.p7m (la signature contenant le JSON, téléchargeable séparément) :
  ${p7m}
`,
  nl: (zip, p7m) => `Ontvangstbevestiging gemaakt door e-Box Keeper.

receipt.json         het bewijs (canonieke JSON, RFC 8785): wat ontvangen en geopend werd, door wie en wanneer
receipt.p7s          de CAdES-handtekening ervan (CMS, losstaand)
signer-chain.pem     de certificaten van de ondertekenaar, zoals de handtekening ze bevat
inclusion-proof.json de plaats in het fraudebestendige logboek van de helper (RFC 9162), onder checkpoint.txt
checkpoint.txt       het ondertekende controlepunt van het logboek (C2SP signed note)

De handtekening controleren (OpenSSL, in deze map):
  ${zip}
"Verification successful" betekent dat receipt.json precies is wat ondertekend werd. Het vertrouwen komt van het
certificaat van de ondertekenaar: vergelijk signer-chain.pem met het certificaat van de onderneming.
Dezelfde controle op receipt.p7m (de handtekening met de JSON erin, apart te downloaden):
  ${p7m}
`,
  de: (zip, p7m) => `Empfangsbestätigung, erstellt von e-Box Keeper.

receipt.json         die Bestätigung (kanonisches JSON, RFC 8785): was empfangen und geöffnet wurde, von wem, wann
receipt.p7s          ihre CAdES-Signatur (CMS, abgetrennt)
signer-chain.pem     die Zertifikate des Unterzeichners, wie die Signatur sie enthält
inclusion-proof.json ihr Platz im fälschungssicheren Protokoll des Helfers (RFC 9162), unter checkpoint.txt
checkpoint.txt       der signierte Kontrollpunkt des Protokolls (C2SP signed note)

Signatur prüfen (OpenSSL, in diesem Ordner):
  ${zip}
„Verification successful" bedeutet, dass receipt.json genau das Signierte ist. Das Vertrauen kommt vom Zertifikat
des Unterzeichners: Vergleichen Sie signer-chain.pem mit dem Zertifikat des Unternehmens.
Dieselbe Prüfung für receipt.p7m (die Signatur mit dem JSON darin, separat herunterladbar):
  ${p7m}
`,
};

/** receipt.zip, built in memory (a few kilobytes). */
export async function receiptZip(files: { json: Buffer; p7s: Buffer }, record: Pick<ReceiptRecord, 'inclusion' | 'checkpoint'> & { receipt: Receipt }): Promise<Buffer> {
  const verified = verifyCms(files.p7s, files.json);
  const chain = [verified.signerCertificate, ...verified.certificates.filter((c) => !c.raw.equals(verified.signerCertificate.raw))];
  const zip = new yazl.ZipFile();
  const at = new Date(record.receipt.acknowledgedAt);
  const add = (name: string, bytes: Buffer) => zip.addBuffer(bytes, name, { compress: false, mtime: at, forceDosTimestamp: true, mode: 0o100644 });
  add('README.txt', Buffer.from(README[record.receipt.language](VERIFY_ZIP_COMMAND, VERIFY_P7M_COMMAND)));
  add('receipt.json', files.json);
  add('receipt.p7s', files.p7s);
  add('signer-chain.pem', Buffer.from(chain.map((c: X509Certificate) => c.toString()).join('')));
  add('inclusion-proof.json', Buffer.from(`${JSON.stringify(record.inclusion, null, 2)}\n`));
  add('checkpoint.txt', Buffer.from(record.checkpoint.note));
  zip.end();
  return Buffer.concat(await (zip.outputStream as unknown as Readable).toArray());
}
