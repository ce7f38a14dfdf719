export * from './cidr';
export * from './environmentSpec';
export * from './naming';
export * from './tags';
export * from './workspacesAvailabilityZones';
export * from './workspacesProtocols';
export * from './environmentNameConflict';
