import { account } from './account';
import { accountWords } from './account-words';
import { common } from './common';
import { consent } from './consent';
import { device } from './device';
import { logout } from './logout';
import { recovery } from './recovery';
import { signin } from './signin';
import { signinFactors } from './signin-factors';

/** The English catalogue: the reference every other language is checked against. */
export const en = { ...common, ...signin, ...signinFactors, ...consent, ...device, ...logout, ...account, ...accountWords, ...recovery };
