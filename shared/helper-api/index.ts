// The helper's HTTP API, as both the helper (validation) and the extension's client (parsing answers) use it.
// Routes (all under HELPER_API_BASE, every one but POST /pairing needs SECRET_HEADER):
//   POST /pairing                     pairRequestSchema -> pairResponseSchema (Origin required, rate-limited)
//   POST /pairing/unpair              {} -> unpairResponseSchema
//   GET  /status                      -> statusResponseSchema
//   POST /identity/import             importIdentityRequestSchema -> identitySummarySchema
//   POST /documents                   storeDocumentRequestSchema -> storeDocumentResponseSchema
//   POST /receipts                    acknowledgeRequestSchema -> receiptRecordSchema (201)
//   GET  /receipts?messageId=...      -> receiptListSchema
//   GET  /receipts/:id                -> receiptRecordSchema
//   GET  /receipts/:id/receipt.json | receipt.p7s | receipt.pdf   (bytes)
//   GET  /store/checkpoint            -> checkpointSchema
//   GET  /store/consistency?from=&to= -> consistencyProofSchema
//   GET  /receipts/:id/inclusion?treeSize=  -> inclusionProofSchema
export * from './protocol.ts';
export * from './pairing.ts';
export * from './identity.ts';
export * from './store.ts';
export * from './receipts.ts';
export * from './status.ts';
export * from './sync.ts';
