export { KluisService, type ServiceOptions } from './service';
export { dispatch, isMethod, toWireError, type DispatchResult } from './dispatch';
export * from './contract';
