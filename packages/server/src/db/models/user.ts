import { Model } from 'objection';

export class User extends Model {
  static override tableName = 'users';

  id!: string;
  external_id!: string;
  created_at!: Date;
}
