export {
	DEFAULT_CALL_LIMITS,
	midtransErrorCode,
	midtransRequest,
	RateLimitPause,
	type CallLimits,
	type CallOptions,
	type MidtransRequest,
} from './request';
export { midtransApiError, networkError, unknownOutcomeError } from './errors';
