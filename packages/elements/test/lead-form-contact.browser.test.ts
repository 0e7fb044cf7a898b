import { expect } from '@open-wc/testing';
import { LeadCustomerSchema } from '@showroom/core';
import {
  emptyContact,
  isEmail,
  isWechatId,
  normalizePhone,
  toLeadCustomer,
  validateContact,
  type ContactDraft,
} from '../src/lead-form/contact.js';

const e164 = (input: string, region?: 'CN' | 'TW' | 'HK') => {
  const result = normalizePhone(input, region);
  return result.ok ? result.e164 : result.problem;
};

const draft = (patch: Partial<ContactDraft>): ContactDraft => ({ ...emptyContact(), ...patch });
const fields = (d: ContactDraft, dealer = false) =>
  validateContact(d, { dealer }).map((i) => `${i.field}:${i.problem}`);

describe('lead-form contact rules', () => {
  it('normalises Chinese mobiles however they are typed', () => {
    expect(e164('138 1234 5678')).to.equal('+8613812345678');
    expect(e164('138-1234-5678')).to.equal('+8613812345678');
    expect(e164('１３８１２３４５６７８')).to.equal('+8613812345678');
    expect(e164('+86 138 1234 5678')).to.equal('+8613812345678');
    expect(e164('＋86 13812345678')).to.equal('+8613812345678');
    expect(e164('0086 138 1234 5678')).to.equal('+8613812345678');
    expect(e164('86 138 1234 5678')).to.equal('+8613812345678');
    expect(e164('(021) 6888 8888')).to.equal('+862168888888');
    expect(e164('+86 (0)21 6888 8888')).to.equal('+862168888888');
  });

  it('keeps international numbers that start with + or 00', () => {
    expect(e164('+44 20 7946 0958')).to.equal('+442079460958');
    expect(e164('+49 (0)89 1234 5678')).to.equal('+498912345678');
    expect(e164('001 415 555 2671')).to.equal('+14155552671');
    expect(e164('+886 912 345 678')).to.equal('+886912345678');
  });

  it('reads national numbers of Taiwan and Hong Kong when asked', () => {
    expect(e164('0912 345 678', 'TW')).to.equal('+886912345678');
    expect(e164('5123 4567', 'HK')).to.equal('+85251234567');
  });

  it('refuses what is not a phone number', () => {
    expect(e164('')).to.equal('required');
    expect(e164('   ')).to.equal('required');
    expect(e164('12345')).to.equal('phone-invalid');
    expect(e164('1281234567')).to.equal('phone-invalid'); // ten digits
    expect(e164('128 1234 5678')).to.equal('phone-invalid'); // 12x is no mobile prefix
    expect(e164('+86 128 1234 5678')).to.equal('phone-invalid');
    expect(e164('+0 123 4567')).to.equal('phone-invalid');
    expect(e164('+1 234 567 890 123 456')).to.equal('phone-invalid'); // over 15 digits
    expect(e164('call me')).to.equal('phone-invalid');
    expect(e164('138 1234 567x')).to.equal('phone-invalid');
  });

  it('makes every accepted number valid for the lead schema', () => {
    for (const input of ['138 1234 5678', '+44 20 7946 0958', '021 6888 8888', '0086 139 0000 0000']) {
      const result = normalizePhone(input);
      expect(result.ok, input).to.equal(true);
      const customer = toLeadCustomer(draft({ name: 'A', phone: input, preferredContact: 'phone' }));
      expect(LeadCustomerSchema.safeParse(customer).success, input).to.equal(true);
    }
  });

  it('reads email addresses exactly as the lead schema does', () => {
    const emails = [
      'xm@example.com',
      'first.last+tag@sub.example.cn',
      "o'brien@example.ie",
      'a@b',
      'a@b.c',
      '.a@example.com',
      'a..b@example.com',
      'a.@example.com',
      'a@-example.com',
      'a@example.123',
      '王@example.com',
      'a b@example.com',
    ];
    for (const email of emails) {
      const customer = { name: 'A', email };
      expect(isEmail(email), email).to.equal(LeadCustomerSchema.safeParse(customer).success);
    }
  });

  it('names every missing or wrong field, in form order', () => {
    expect(fields(emptyContact())).to.deep.equal([
      'name:required',
      'phone:phone-or-email',
      'preferredContact:required',
      'consentContact:consent-required',
    ]);
    expect(
      fields(
        draft({ name: 'Li', phone: '123', email: 'x@', preferredContact: 'sms', consent: consent(true) }),
      ),
    ).to.deep.equal(['phone:phone-invalid', 'email:email-invalid']);
  });

  it('asks for the detail that the preferred way of contact needs', () => {
    const base = { name: 'Li', consent: consent(true) };
    expect(fields(draft({ ...base, email: 'li@example.com', preferredContact: 'phone' }))).to.deep.equal([
      'phone:required',
    ]);
    expect(fields(draft({ ...base, phone: '13812345678', preferredContact: 'email' }))).to.deep.equal([
      'email:required',
    ]);
    expect(fields(draft({ ...base, phone: '13812345678', preferredContact: 'wechat' }))).to.deep.equal([
      'wechatId:required',
    ]);
    expect(
      fields(draft({ ...base, phone: '13812345678', preferredContact: 'wechat', wechatId: '1ab' })),
    ).to.deep.equal(['wechatId:wechat-invalid']);
    expect(
      fields(draft({ ...base, phone: '13812345678', preferredContact: 'wechat', wechatId: 'wxm2026' })),
    ).to.deep.equal([]);
  });

  it('accepts a WeChat ID or a phone number as the WeChat contact', () => {
    expect(isWechatId('wxm2026')).to.equal(true);
    expect(isWechatId('wx_m-2026')).to.equal(true);
    expect(isWechatId('138 1234 5678')).to.equal(true);
    expect(isWechatId('wx')).to.equal(false);
    expect(isWechatId('2026wxm')).to.equal(false);
  });

  it('needs consent to share with the dealer only when the lead names one', () => {
    const ok = draft({ name: 'Li', phone: '13812345678', preferredContact: 'phone', consent: consent(true) });
    expect(fields(ok)).to.deep.equal([]);
    expect(fields(ok, true)).to.deep.equal(['consentShareWithDealer:consent-required']);
    expect(
      fields({ ...ok, consent: { contact: true, shareWithDealer: true, marketing: false } }, true),
    ).to.deep.equal([]);
  });

  it('builds the lead customer with the phone in E.164 and nothing blank', () => {
    const customer = toLeadCustomer(
      draft({
        name: ' 王小明 ',
        phone: '138 1234 5678',
        email: '',
        preferredContact: 'wechat',
        wechatId: ' wxm2026 ',
      }),
      { locale: 'zh-CN' },
    );
    expect(customer).to.deep.equal({
      name: '王小明',
      phone: '+8613812345678',
      preferredContact: 'wechat',
      wechatId: 'wxm2026',
      locale: 'zh-CN',
    });
  });
});

function consent(contact: boolean) {
  return { contact, shareWithDealer: false, marketing: false };
}
