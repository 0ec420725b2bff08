// Where the Message Registry lives and the one request body it accepts in consultation (PATCH /ebox/messages).
import { z } from 'zod';

/** Base paths as production uses them (services.socialsecurity.be); the sandbox serves both. */
export const REGISTRY_BASE_PATHS = {
  'v2.1': '/REST/ebox/enterprise/messageRegistry/v2',
  v3: '/REST/ebox/enterprise/messageRegistry/v3',
} as const;
export type RegistryContract = keyof typeof REGISTRY_BASE_PATHS;

/** PATCH /ebox/messages, content type application/merge-patch+json: hide or show messages. */
export const messagesToUpdateSchema = z.object({
  items: z.array(z.object({ messageId: z.string().min(1), visible: z.boolean() })).min(1).max(100),
  totalItems: z.number().int().optional(),
});
export type MessagesToUpdate = z.infer<typeof messagesToUpdateSchema>;

export const LIST_PAGE_SIZE = { min: 1, max: 100, default: 25 } as const;

/** The header naming the enterprise whose e-Box a Document Consumer call consults (a Service Provider consults its
 *  clients'). The official docs do not say how a Service Provider names its client: this is e-Box Keeper's one
 *  assumption about it, documented in docs/sync.md. */
export const CLIENT_ENTERPRISE_HEADER = 'EBox-Enterprise-Number';
