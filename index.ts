// n8n loads the nodes and the credential from the paths in package.json's "n8n" section;
// this entry point lets code that depends on the package import them too.
export { MidtransApi } from './credentials/MidtransApi.credentials';
export { Midtrans } from './nodes/Midtrans/Midtrans.node';
export { MidtransTrigger } from './nodes/MidtransTrigger/MidtransTrigger.node';
