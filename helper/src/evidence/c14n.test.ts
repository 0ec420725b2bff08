import '../../../test/qerds/xml-setup.ts';
import * as xmldsig from 'xmldsigjs';
import { describe, expect, it } from 'vitest';
import { evidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { canonicalize, type C14nOptions } from './c14n.ts';
import { parseXmlSafely } from './safe-xml.ts';

const parse = (xml: string) => parseXmlSafely(new TextEncoder().encode(xml));
const INCLUSIVE: C14nOptions = { exclusive: false, withComments: false };
const EXCLUSIVE: C14nOptions = { exclusive: true, withComments: false };
const first = (doc: Document, name: string) => doc.getElementsByTagName(name)[0]!;

describe('canonicalize (C14N 1.0 and Exclusive C14N 1.0)', () => {
  it('sorts namespaces (default first) then attributes (no namespace first, then by namespace URI)', () => {
    const doc = parse('<a xmlns:b="http://b" xmlns="http://a" b:y="1" x="2" a="3"><c/></a>');
    expect(canonicalize(doc, INCLUSIVE)).toBe('<a xmlns="http://a" xmlns:b="http://b" a="3" x="2" b:y="1"><c></c></a>');
  });

  it('renders in-scope namespaces on an inclusive apex, only the used ones with exclusive c14n', () => {
    const doc = parse('<r xmlns:u="urn:unused" xmlns:p="urn:p"><p:e a="1"><f/></p:e></r>');
    expect(canonicalize(first(doc, 'p:e'), INCLUSIVE)).toBe('<p:e xmlns:p="urn:p" xmlns:u="urn:unused" a="1"><f></f></p:e>');
    expect(canonicalize(first(doc, 'p:e'), EXCLUSIVE)).toBe('<p:e xmlns:p="urn:p" a="1"><f></f></p:e>');
    expect(canonicalize(first(doc, 'p:e'), { ...EXCLUSIVE, inclusivePrefixes: ['u'] })).toBe(
      '<p:e xmlns:p="urn:p" xmlns:u="urn:unused" a="1"><f></f></p:e>',
    );
  });

  it('renders a namespace used only by an attribute, once, where exclusive c14n first needs it', () => {
    const doc = parse('<r xmlns:q="urn:q"><s q:k="v"><t q:k="w"/></s></r>');
    expect(canonicalize(first(doc, 's'), EXCLUSIVE)).toBe('<s xmlns:q="urn:q" q:k="v"><t q:k="w"></t></s>');
  });

  it('undeclares the default namespace only where an ancestor in the output declared one', () => {
    const doc = parse('<a xmlns="urn:a"><b xmlns=""><c/></b></a>');
    expect(canonicalize(doc, INCLUSIVE)).toBe('<a xmlns="urn:a"><b xmlns=""><c></c></b></a>');
    expect(canonicalize(first(doc, 'b'), INCLUSIVE)).toBe('<b><c></c></b>');
  });

  it('escapes text and attribute values as the specification says', () => {
    const doc = parse('<a t="&quot;x&quot;&#9;&#10;&#13;&lt;&amp;>">a&amp;b&lt;c&gt;d&#13;<![CDATA[<e>&]]></a>');
    expect(canonicalize(doc, INCLUSIVE)).toBe('<a t="&quot;x&quot;&#x9;&#xA;&#xD;&lt;&amp;>">a&amp;b&lt;c&gt;d&#xD;&lt;e&gt;&amp;</a>');
  });

  it('leaves out the XML declaration', () => {
    expect(canonicalize(parse('<?xml version="1.0" encoding="UTF-8"?>\n<a/>'), INCLUSIVE)).toBe('<a></a>');
  });

  it('keeps processing instructions, and comments only in the WithComments variants', () => {
    const doc = parse('<?pi x?><!--c--><a><!--in--><?p d?></a><!--after-->');
    expect(canonicalize(doc, INCLUSIVE)).toBe('<?pi x?>\n<a><?p d?></a>');
    expect(canonicalize(doc, { ...INCLUSIVE, withComments: true })).toBe('<?pi x?>\n<!--c-->\n<a><!--in--><?p d?></a>\n<!--after-->');
  });

  it('carries ancestor xml:* attributes onto an inclusive apex, not an exclusive one', () => {
    const doc = parse('<a xml:lang="fr" xml:space="preserve"><b xml:lang="nl"/></a>');
    expect(canonicalize(first(doc, 'b'), INCLUSIVE)).toBe('<b xml:lang="nl" xml:space="preserve"></b>');
    expect(canonicalize(first(doc, 'b'), EXCLUSIVE)).toBe('<b xml:lang="nl"></b>');
  });

  it('leaves out the excluded element and its subtree (enveloped signature)', () => {
    const doc = parse('<a><b>1</b><s><t/></s><c/></a>');
    expect(canonicalize(doc, { ...INCLUSIVE, exclude: first(doc, 's') })).toBe('<a><b>1</b><c></c></a>');
  });

  it('agrees with xmldsigjs on a whole signed evidence, minus its signature, for both algorithms', async () => {
    const library = await evidenceLibrary();
    for (const c of [library.good[0]!, library.good[2]!]) {
      const doc = parseXmlSafely(c.evidence);
      const signature = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!;
      for (const [ours, Theirs] of [
        [EXCLUSIVE, xmldsig.XmlDsigExcC14NTransform],
        [INCLUSIVE, xmldsig.XmlDsigC14NTransform],
      ] as const) {
        const whole = new Theirs();
        const copy = doc.cloneNode(true) as Document;
        const copySignature = copy.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!;
        copySignature.parentNode!.removeChild(copySignature);
        whole.LoadInnerXml(copy);
        expect(canonicalize(doc, { ...ours, exclude: signature })).toBe(whole.GetOutput());
      }
    }
  });
});
