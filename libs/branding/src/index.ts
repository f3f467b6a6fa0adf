import { BrandingEntity } from './branding.entity';
import { CreateBranding1764400030000 } from './migrations/1764400030000-create-branding';

export * from './branding';
export * from './branding.entity';
export * from './branding.module';
export { BRANDING_CHANGED, BRANDING_STALENESS_MS, BrandingService } from './branding.service';
export { brandingDigest, brandStylesheet } from './brand-stylesheet';
export { buttonTextColor, contrastRatio, readableAccent, relativeLuminance } from './colour-contrast';

export const BRANDING_ENTITIES = [BrandingEntity];
export const BRANDING_MIGRATIONS = [CreateBranding1764400030000];
