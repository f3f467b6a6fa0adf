import { account } from './account';
import { accountWords } from './account-words';
import { common } from './common';
import { recovery } from './recovery';
import { signin } from './signin';
import { signinFactors } from './signin-factors';

export const de = { ...common, ...signin, ...signinFactors, ...account, ...accountWords, ...recovery };
