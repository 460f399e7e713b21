// NestJS accounts module: bootstrap, users service (Mongoose), auth service (JWT).
import { Body, Controller, Get, Injectable, Module, NotFoundException, Param, Post, Query, Req, UnauthorizedException } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from "@nestjs/mongoose";
import * as bcrypt from "bcrypt";
import * as jwt from "jsonwebtoken";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import mongoose, { type FilterQuery, Model } from "mongoose";
import mongoSanitize from "mongo-sanitize";
import type { Request } from "express";

@Schema()
export class User {
  @Prop({ unique: true }) email!: string;
  @Prop() passwordHash!: string;
  @Prop() role!: string;
  @Prop() resetToken?: string;
  @Prop() org!: string;
}
export const UserSchema = SchemaFactory.createForClass(User);

export class LoginDto {
  email!: string;
  password!: string;
}

export class SearchDto {
  filter!: Record<string, unknown>;
}

const JWKS = createRemoteJWKSet(new URL("https://auth.example.com/.well-known/jwks.json"));

@Injectable()
export class UsersService {
  constructor(@InjectModel(User.name) private readonly userModel: Model<User>) {}

  async findByLogin(dto: LoginDto) {
    // DTO fields (class types are not enforced at runtime) straight into the filter
    // ruleid: nosql-injection
    return this.userModel.findOne({ email: dto.email, passwordHash: dto.password }).exec();
  }

  async findByEmail(email: string) {
    // value coerced with String()
    // ok: nosql-injection
    return this.userModel.findOne({ email: String(email) }).exec();
  }

  async search(filter: FilterQuery<User>) {
    // whole filter object from the caller
    // ruleid: nosql-injection
    return this.userModel.find(filter).limit(50).lean();
  }

  async searchSanitized(filter: FilterQuery<User>) {
    // operators stripped by mongo-sanitize
    // ok: nosql-injection
    return this.userModel.find(mongoSanitize(filter)).limit(50).lean();
  }

  async searchSanitizedMongoose(filter: FilterQuery<User>) {
    // ok: nosql-injection
    return this.userModel.find(mongoose.sanitizeFilter(filter)).limit(50).lean();
  }

  async byResetToken(token: string) {
    // parameter value inside a filter literal (unknown callers)
    // ruleid: nosql-injection
    return this.userModel.findOne({ resetToken: token }).exec();
  }

  async admins() {
    // constant filter
    // ok: nosql-injection
    return this.userModel.find({ role: "admin" }).lean();
  }

  async hashPassword(password: string) {
    // bcrypt cost 12
    // ok: weak-password-hash
    return bcrypt.hash(password, 12);
  }
}

@Injectable()
export class AuthService {
  async verifyIdToken(idToken: string) {
    // jose verification against a key set
    // ok: jwt-not-verified
    const { payload } = await jwtVerify(idToken, JWKS, { issuer: "https://auth.example.com", audience: "accounts" });
    return payload;
  }

  peekClaims(idToken: string) {
    // jose decodeJwt: no signature check
    // ruleid: jwt-not-verified
    return decodeJwt(idToken);
  }

  verifyLegacy(token: string) {
    // algorithms list contains "none"
    // ruleid: jwt-not-verified
    return jwt.verify(token, process.env.LEGACY_SECRET!, { algorithms: ["HS256", "none"] });
  }

  keyIdOf(token: string) {
    // complete: true to read the header before verify()
    // ok: jwt-not-verified
    return (jwt.decode(token, { complete: true }) as jwt.Jwt | null)?.header.kid;
  }

  issue(sub: string) {
    // ok: jwt-not-verified
    return jwt.sign({ sub }, process.env.JWT_SECRET!, { algorithm: "HS256", expiresIn: "1h" });
  }
}

@Controller("users")
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Post("login")
  async login(@Body() dto: LoginDto) {
    const user = await this.users.findByLogin(dto);
    if (!user) throw new UnauthorizedException();
    return { token: this.auth.issue(String(user._id)) };
  }

  @Post("search")
  async search(@Body() dto: SearchDto) {
    return this.users.search(dto.filter as FilterQuery<User>);
  }

  @Get(":id")
  async byId(@Param("id") id: string) {
    const user = await this.users.findByEmail(id);
    if (!user) throw new NotFoundException();
    return user;
  }

  @Get()
  async me(@Req() req: Request, @Query("include") include?: string) {
    // [beyond docs] manual base64 decode of the JWT payload, trusted for the identity
    // ruleid: jwt-not-verified
    const claims = JSON.parse(Buffer.from(String(req.headers.authorization).split(".")[1], "base64url").toString());
    return { sub: claims.sub, include };
  }
}

@Module({
  imports: [MongooseModule.forFeature([{ name: User.name, schema: UserSchema }])],
  controllers: [UsersController],
  providers: [UsersService, AuthService],
})
export class AccountsModule {}

async function bootstrap() {
  const app = await NestFactory.create(AccountsModule);
  // NestJS CORS reflecting every origin with credentials
  // ruleid: permissive-cors
  app.enableCors({ origin: true, credentials: true });
  await app.listen(3000);
}

async function bootstrapAdmin() {
  const admin = await NestFactory.create(AccountsModule);
  // explicit origin from configuration, with credentials
  // ok: permissive-cors
  admin.enableCors({ origin: [process.env.ADMIN_ORIGIN ?? "https://admin.example.com"], credentials: true });
  await admin.listen(3001);
}

void bootstrap();
void bootstrapAdmin();
