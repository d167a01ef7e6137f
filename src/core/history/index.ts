/** The history engine: diffs between notebook versions, static staleness, artifact anchors. Pure TS. */
export * from './version';
export * from './text-diff';
export * from './notebook-diff';
export * from './staleness';
export * from './anchor';
