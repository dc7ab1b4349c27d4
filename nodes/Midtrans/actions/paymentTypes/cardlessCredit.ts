import type { IDataObject } from 'n8n-workflow';

import type { ItemValidator } from '../../../shared/validation';

/** Akulaku and Kredivo want the customer's first and last name, email and phone (docs' OpenAPI: all required). */
export const CARDLESS_CREDIT_CUSTOMER_FIELDS = [
	['first_name', 'firstName'],
	['last_name', 'lastName'],
	['email', 'email'],
	['phone', 'phone'],
] as const;

/** Refuses a charge whose customer lacks a field a cardless-credit provider needs. */
export function requireCustomer(validate: ItemValidator, customer: IDataObject | undefined, provider: string): void {
	for (const [field, key] of CARDLESS_CREDIT_CUSTOMER_FIELDS) {
		if (!customer?.[field]) validate.fail(`Customer Details ${key} (customerDetails.${key})`, `${provider} needs it`);
	}
}

/** Refuses a charge without items, or with an item lacking a field the provider needs. */
export function requireItems(
	validate: ItemValidator,
	items: IDataObject[] | undefined,
	provider: string,
	fields: readonly string[],
): void {
	if (!items?.length) validate.fail('Item Details (itemDetails)', `${provider} needs the items bought`);
	items.forEach((item, index) => {
		for (const field of fields) {
			if (item[field] === undefined || item[field] === '') {
				validate.fail(`Item Details (itemDetails) row ${index + 1} ${field === 'id' ? 'ID' : field}`, `${provider} needs it for every item`);
			}
		}
	});
}
