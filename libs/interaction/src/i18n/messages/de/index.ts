import { common } from './common';
import { consent } from './consent';
import { device } from './device';
import { logout } from './logout';
import { signin } from './signin';
import { signinFactors } from './signin-factors';

export const de = { ...common, ...signin, ...signinFactors, ...consent, ...device, ...logout };
