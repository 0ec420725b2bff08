// xmldsigjs/xadesjs in Node need a DOM, XPath and a WebCrypto engine registered once (their README, "Node.js").
import 'reflect-metadata';
import * as xmldom from '@xmldom/xmldom';
import xpath from 'xpath';
import { setNodeDependencies } from 'xml-core';
import * as xmldsig from 'xmldsigjs';
import { webcrypto } from 'node:crypto';

setNodeDependencies({
  XMLSerializer: xmldom.XMLSerializer,
  DOMParser: xmldom.DOMParser,
  DOMImplementation: xmldom.DOMImplementation,
  xpath,
});
xmldsig.Application.setEngine('NodeJS', webcrypto as unknown as Crypto);
