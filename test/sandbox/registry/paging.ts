// The contract's paging (page from 1, pageSize 1..100, default 25) for any list.
import { LIST_PAGE_SIZE } from '../../../shared/ebox/registry-api.ts';
import { parsePositiveInt } from './message-query.ts';

export function pageOf<T>(all: readonly T[], params: Record<string, string>): { items: T[]; totalItems: number } {
  const page = parsePositiveInt('page', params.page, 1);
  const pageSize = parsePositiveInt('pageSize', params.pageSize, LIST_PAGE_SIZE.default, LIST_PAGE_SIZE.max);
  return { items: all.slice((page - 1) * pageSize, page * pageSize), totalItems: all.length };
}
