export { ShareError, isShareError, type ShareErrorCode } from './errors';
