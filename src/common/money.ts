import { IsISO4217CurrencyCode, IsNotEmpty, Matches } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { DecimalScalar } from './scalars';

/** Non-negative amount with up to 12 integer digits and 2 decimals (numeric(14,2)). */
export const MONEY_AMOUNT_RE = /^\d{1,12}(\.\d{1,2})?$/;
export const CURRENCY_RE = /^[A-Z]{3}$/;

@ObjectType({ description: 'An amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact amount as a decimal string, e.g. "1299.00".' })
  amount: string;
  @Field({ description: 'ISO 4217 currency code, e.g. "EUR".' })
  currency: string;
}

@InputType({ description: 'An amount of money in one currency.' })
export class MoneyInput {
  @Field(() => DecimalScalar, { description: 'Exact, non-negative amount with at most 2 decimals, e.g. "1299.00".' })
  @Matches(MONEY_AMOUNT_RE, { message: 'amount must be a non-negative decimal with at most 12 digits before and 2 after the point' })
  amount: string;
  @Field({ description: 'ISO 4217 currency code in capitals, e.g. "EUR".' })
  @IsNotEmpty({ message: 'currency is required' })
  @Matches(CURRENCY_RE, { message: 'currency must be an ISO 4217 code in capitals, such as EUR or USD' })
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 code such as EUR or USD' })
  currency: string;
}

export const money = (amount: string | null | undefined, currency: string | null | undefined): Money | null =>
  amount != null && currency != null ? { amount, currency: currency.trim() } : null;
