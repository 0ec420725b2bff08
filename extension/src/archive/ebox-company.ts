// The company whose e-Box the extension last saw (name and CBE number from the app's header), kept so that pages
// without an e-Box tab (the archive page's bundle export) can name it.
import type { EboxCompany } from '../ebox-adapter/selectors.ts';
import { readLocal, writeLocal } from '../platform/runtime.ts';

const COMPANY_KEY = 'ebox.company';

export function rememberCompany(company: EboxCompany): Promise<void> {
  return writeLocal(COMPANY_KEY, { ...(company.name ? { name: company.name } : {}), ...(company.cbe ? { cbe: company.cbe } : {}) });
}

export function rememberedCompany(): Promise<EboxCompany | undefined> {
  return readLocal<EboxCompany>(COMPANY_KEY);
}
