/** The local Midtrans simulator (tools/simulator) as the suites use it: started on a free port, its credentials, card tokens. */
import axios, { type AxiosInstance } from 'axios';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	DEFAULT_SIMULATOR_CLIENT_KEY,
	DEFAULT_SIMULATOR_SERVER_KEY,
	type Simulator,
	type SimulatorOptions,
	startSimulator,
} from '../../tools/simulator';
import { basicAuthFor, customCredentials, FUTURE_YEAR } from './midtrans';

/** The node's credential for a simulator: custom base URL, the simulator's server and client keys. */
export function simulatorCredentials(simulator: Pick<Simulator, 'url'>): ICredentialDataDecryptedObject {
	return customCredentials(simulator.url, DEFAULT_SIMULATOR_SERVER_KEY, { clientKey: DEFAULT_SIMULATOR_CLIENT_KEY });
}

/** An axios client for a simulator that never throws on HTTP status, so tests read every answer. */
export function clientFor(simulator: Pick<Simulator, 'url'>, serverKey: string = DEFAULT_SIMULATOR_SERVER_KEY): AxiosInstance {
	return axios.create({
		baseURL: simulator.url,
		headers: { Authorization: basicAuthFor(serverKey), Accept: 'application/json' },
		validateStatus: () => true,
	});
}

/** A simulator on a free port, and a client for it. */
export async function startTestSimulator(options: SimulatorOptions = {}) {
	const simulator = await startSimulator({ port: 0, ...options });
	return { simulator, api: clientFor(simulator) };
}

/** A single-use token for a sandbox test card (any future expiry, CVV 123), as Midtrans.js would get it in a browser. */
export async function cardToken(api: AxiosInstance, cardNumber: string): Promise<string> {
	const { data } = await api.get('/v2/token', {
		params: {
			client_key: DEFAULT_SIMULATOR_CLIENT_KEY,
			card_number: cardNumber,
			card_exp_month: '12',
			card_exp_year: FUTURE_YEAR,
			card_cvv: '123',
		},
	});
	return String(data.token_id);
}

export interface SimulatorUnderTest {
	simulator: Simulator;
	/** A client with the simulator's server key. */
	api: AxiosInstance;
	/** The node's credential for it. */
	credentials: ICredentialDataDecryptedObject;
}

/**
 * A simulator for the test file: started before its first test, its faults cleared after each, closed after
 * the last. The returned object is filled in once it has started.
 */
export function useSimulator(options: SimulatorOptions = {}): SimulatorUnderTest {
	const under = {} as SimulatorUnderTest;
	beforeAll(async () => {
		Object.assign(under, await startTestSimulator(options));
		under.credentials = simulatorCredentials(under.simulator);
	});
	afterEach(() => under.simulator.clearFaults());
	afterAll(async () => await under.simulator.close());
	return under;
}
