export * from './report.ts';
export * from './archive.ts';
