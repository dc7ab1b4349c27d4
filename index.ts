// n8n loads the nodes and the credentials from the paths in package.json's "n8n" section;
// this entry point lets code that depends on the package import them too.
export { MidtransApi } from './credentials/MidtransApi.credentials';
export { MidtransIrisApi } from './credentials/MidtransIrisApi.credentials';
export { Midtrans } from './nodes/Midtrans/Midtrans.node';
export { MidtransTrigger } from './nodes/MidtransTrigger/MidtransTrigger.node';
export { MidtransPayouts } from './nodes/MidtransPayouts/MidtransPayouts.node';
export { MidtransPayoutsTrigger } from './nodes/MidtransPayoutsTrigger/MidtransPayoutsTrigger.node';
