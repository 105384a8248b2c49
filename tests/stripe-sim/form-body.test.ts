import { describe, expect, it } from 'vitest';
import { FormBodyError, parseStripeForm } from '../../stripe-sim/form-body';

describe('Stripe bracket form encoding', () => {
  it('nests objects and indexed arrays the way the SDK encodes them', () => {
    expect(
      parseStripeForm(
        'amount=12550&metadata[sale_id]=S-1&allowed_payment_method_types[0]=promptpay' +
          '&payment_method_data[billing_details][email]=a%40b.co&payment_method_data[type]=promptpay&confirm=true',
      ),
    ).toEqual({
      amount: '12550',
      metadata: { sale_id: 'S-1' },
      allowed_payment_method_types: ['promptpay'],
      payment_method_data: { billing_details: { email: 'a@b.co' }, type: 'promptpay' },
      confirm: 'true',
    });
  });

  it('accepts percent-encoded brackets, `[]` appends, and orders indices numerically', () => {
    expect(parseStripeForm('types%5B%5D=a&types%5B%5D=b')).toEqual({ types: ['a', 'b'] });
    expect(parseStripeForm('x[10]=c&x[2]=b&x[0]=a')).toEqual({ x: ['a', 'b', 'c'] });
    expect(parseStripeForm('description=Caf%C3%A9+%E0%B8%81')).toEqual({ description: 'Café ก' });
  });

  it('rejects a key that is both a value and a hash', () => {
    expect(() => parseStripeForm('a=1&a[b]=2')).toThrow(FormBodyError);
    expect(() => parseStripeForm('a[b]=2&a=1')).toThrow(FormBodyError);
  });

  it('refuses prototype-polluting keys', () => {
    expect(() => parseStripeForm('metadata[__proto__][x]=1')).toThrow(FormBodyError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps numeric top-level keys as an object', () => {
    expect(parseStripeForm('0=a')).toEqual({ 0: 'a' });
  });
});
