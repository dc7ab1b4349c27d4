import type { IDataObject } from 'n8n-workflow';

import { additionalFieldsProperty, type MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';
import { accountNumber, aliasName, bankCode, optionalEmail } from '../irisRules';
import { aliasNameProperty, beneficiaryFields } from './fields';

export const create: MidtransOperation = {
	value: 'create',
	properties: [
		{ ...beneficiaryFields.name, required: true },
		{ ...beneficiaryFields.bank, required: true },
		{ ...beneficiaryFields.account, required: true },
		aliasNameProperty,
		additionalFieldsProperty([beneficiaryFields.email]),
	],
	prepare(itemIndex, validate): MidtransRequest {
		const bank = bankCode(validate, 'Bank (bank)', this.getNodeParameter('bank', itemIndex));
		const body: IDataObject = {
			name: validate.required('Name (name)', this.getNodeParameter('name', itemIndex)),
			account: accountNumber(validate, 'Account (account)', this.getNodeParameter('account', itemIndex), bank),
			bank,
			alias_name: aliasName(validate, 'Alias Name (aliasName)', this.getNodeParameter('aliasName', itemIndex)),
		};
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const email = optionalEmail(validate, 'Email (additionalFields.email)', additional.email);
		if (email) body.email = email;
		return {
			method: 'POST',
			path: '/beneficiaries',
			body,
			// Sent once: a repeat after a lost answer would be refused as a taken alias_name, which tells nothing.
			retrySafe: false,
			lookUp: `The beneficiary may have been created: look for the alias "${String(body.alias_name)}" with Beneficiary → Get Many before creating it again.`,
		};
	},
	toItem(answer, prepared) {
		return { ...(prepared as MidtransRequest).body, ...answer };
	},
};
