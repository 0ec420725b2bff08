// Reference data in the contract's shapes: message types with validity periods, sender organizations with their
// logos, sender applications, all translated fr/nl/de.
import type { WireMessageType, WireSenderApplication, WireSenderOrganization } from '../../../shared/ebox/wire.ts';
import { xmlEscape } from '../data/annexes.ts';
import { APPLICATIONS, MESSAGE_TYPES, ORGANIZATIONS, type Organization } from '../data/catalogue.ts';

const enc = new TextEncoder();
const COLOURS = ['#1f4e8c', '#8c1f3f', '#1f7a5a', '#b36b00', '#5a3d8c', '#7a1f1f', '#2f6f8f'];

/** A sender's logo: its short name on its colour, as an SVG. */
export function logoSvg(org: Organization): Uint8Array<ArrayBuffer> {
  const i = ORGANIZATIONS.indexOf(org);
  const initials = org.monogram;
  // TextEncoder always returns a fresh ArrayBuffer.
  return enc.encode(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${COLOURS[i % COLOURS.length]}"/>` +
      `<text x="32" y="38" font-family="Arial, sans-serif" font-size="${initials.length > 4 ? 13 : initials.length > 3 ? 15 : 19}" font-weight="700" fill="#fff" text-anchor="middle">${xmlEscape(initials)}</text></svg>`,
  ) as Uint8Array<ArrayBuffer>;
}

export const logoImageId = (org: Organization) => `logo-${org.organizationId}`;

export function wireMessageTypes(): WireMessageType[] {
  return MESSAGE_TYPES.map((t) => ({
    messageTypeId: t.messageTypeId,
    messageTypeName: t.name,
    messageTypeDescription: t.description,
    validityPeriod: { validityPeriodNumber: t.validity.number, validityPeriodUnit: t.validity.unit },
    senderOrganizationIds: [t.organizationId],
    senderApplicationIds: [t.applicationId],
  }));
}

export function wireSenderOrganizations(baseUrl: string): WireSenderOrganization[] {
  return ORGANIZATIONS.map((o) => ({
    organizationId: o.organizationId,
    organizationShortName: o.shortName,
    organizationLongName: o.longName,
    organizationLogos: [
      {
        imageId: logoImageId(o),
        size: Math.round((logoSvg(o).length / 1024) * 100) / 100,
        mediaType: 'image/svg+xml',
        contentHref: `${baseUrl}/referenceData/senderOrganizations/${o.organizationId}/images/${logoImageId(o)}/content`,
      },
    ],
    senderApplicationIds: APPLICATIONS.filter((a) => a.organizationId === o.organizationId).map((a) => a.applicationId),
    messageTypeIds: MESSAGE_TYPES.filter((t) => t.organizationId === o.organizationId).map((t) => t.messageTypeId),
    contactBusiness: 'https://www.socialsecurity.be/site_fr/general/helpcentre/',
  }));
}

export function wireSenderApplications(): WireSenderApplication[] {
  return APPLICATIONS.map((a) => ({
    applicationId: a.applicationId,
    applicationName: a.name,
    applicationDescription: a.description,
    senderOrganizationIds: [a.organizationId],
    messageTypeIds: MESSAGE_TYPES.filter((t) => t.applicationId === a.applicationId).map((t) => t.messageTypeId),
  }));
}
