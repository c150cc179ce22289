import { Model } from 'objection';

export class Site extends Model {
  static override tableName = 'sites';

  id!: string;
  name!: string;
  site_key!: string;
  allowed_origins!: string[];
  created_at!: Date;
}
