import type { IDataObject } from 'n8n-workflow';

import type { MidtransOperation } from '../../../shared/actions/types';
import type { MidtransRequest } from '../../../shared/transport';
import { accountNumber, aliasName, bankCode, optionalEmail } from '../irisRules';
import { aliasNameDescription, aliasNameProperty, beneficiaryFields } from './fields';

export const update: MidtransOperation = {
	value: 'update',
	properties: [
		{ ...aliasNameProperty, description: 'The alias of the beneficiary to change' },
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field to change',
			default: {},
			options: [
				beneficiaryFields.account,
				beneficiaryFields.bank,
				beneficiaryFields.email,
				beneficiaryFields.name,
				{
					displayName: 'New Alias Name',
					name: 'newAliasName',
					type: 'string',
					default: '',
					description: `${aliasNameDescription}. Empty keeps the current one.`,
				},
			],
		},
	],
	prepare(itemIndex, validate): MidtransRequest {
		const alias = aliasName(validate, 'Alias Name (aliasName)', this.getNodeParameter('aliasName', itemIndex));
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const given = (name: string) => fields[name] !== undefined && String(fields[name]).trim() !== '';
		const body: IDataObject = {};
		if (given('name')) body.name = String(fields.name).trim();
		if (given('bank')) body.bank = bankCode(validate, 'Bank (updateFields.bank)', fields.bank);
		if (given('account')) {
			body.account = accountNumber(validate, 'Account (updateFields.account)', fields.account, String(body.bank ?? ''));
		}
		if (given('newAliasName')) body.alias_name = aliasName(validate, 'New Alias Name (updateFields.newAliasName)', fields.newAliasName);
		const email = optionalEmail(validate, 'Email (updateFields.email)', fields.email);
		if (email) body.email = email;
		if (!Object.keys(body).length) validate.fail('Update Fields (updateFields)', 'add at least one field to change');
		const renamed = body.alias_name !== undefined && body.alias_name !== alias;
		return {
			method: 'PATCH',
			path: `/beneficiaries/${alias}`,
			body,
			// Setting the same fields twice changes nothing, unless the alias itself changes (a repeat would then find none).
			retrySafe: !renamed,
			lookUp: `The change may have been made: look at the beneficiary with Beneficiary → Get Many before sending it again.`,
		};
	},
	toItem(answer, prepared) {
		const request = prepared as MidtransRequest;
		const alias = decodeURIComponent(request.path.slice('/beneficiaries/'.length));
		return { alias_name: alias, ...request.body, ...answer };
	},
};
