// A filing rule: when sender, type, subject words or registered match, add labels or tags, optionally archive.
// A rule belongs to one company, or says explicitly that it is for all of them (ALL_COMPANIES).
import { z } from 'zod';
import { isCompanyScope } from '../archive/company-scope.ts';

export const ruleSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  enabled: z.boolean(),
  /** The company whose mail it files (CBE number), 'unknown', or '*' for every company. */
  enterprise: z.string({ error: 'A rule needs a company, or "all companies"' }).refine(isCompanyScope, { message: 'A rule needs a company, or "all companies"' }),
  when: z
    .object({
      senderOrganizationIds: z.array(z.string()).optional(),
      messageTypeIds: z.array(z.string()).optional(),
      /** Every word must occur in the subject (any language), accent- and case-insensitively. */
      subjectWords: z.array(z.string().trim().min(1)).optional(),
      registered: z.boolean().optional(),
    })
    .refine((w) => Object.values(w).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)), {
      message: 'A rule needs at least one condition',
    }),
  then: z
    .object({ labels: z.array(z.string()), tags: z.array(z.string()), archive: z.boolean() })
    .refine((t) => t.labels.length > 0 || t.tags.length > 0 || t.archive, { message: 'A rule needs at least one action' }),
});

export type Rule = z.infer<typeof ruleSchema>;
