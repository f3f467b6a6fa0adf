import { common } from './common';
import { signin } from './signin';
import { signinFactors } from './signin-factors';

export const de = { ...common, ...signin, ...signinFactors };
