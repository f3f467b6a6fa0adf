export * from './access.module';
export * from './app-access.policy';
export * from './authentication-requirement';
export * from './group-in-use';
export * from './groups-claim';
export * from './known-scopes';
export * from './person-claims.service';
export * from './policy-references.service';
