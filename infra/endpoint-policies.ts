// Gateway endpoint policies: what the private and database tiers may reach
// through the S3 and DynamoDB gateways. Pure, so tests and the analyzer can read them.

import { DYNAMODB_TABLE_PATTERN, type Environment, s3EndpointBucketPatterns } from "./config.js";
import { policyDocument } from "./iam.js";

export function s3EndpointPolicy(env: Environment): string {
  const [tradaiBuckets, ...systemBuckets] = s3EndpointBucketPatterns(env);
  return policyDocument(
    {
      Sid: "TradaiBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
      Resource: [`arn:aws:s3:::${tradaiBuckets}`, `arn:aws:s3:::${tradaiBuckets}/*`],
    },
    {
      // ECR image layers, SSM agent files and Amazon Linux repositories: read only.
      Sid: "AwsManagedBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:GetObject"],
      Resource: systemBuckets.map((bucket) => `arn:aws:s3:::${bucket}/*`),
    },
  );
}

export function dynamodbEndpointPolicy(region: string, accountId: string): string {
  const table = `arn:aws:dynamodb:${region}:${accountId}:table/${DYNAMODB_TABLE_PATTERN}`;
  return policyDocument({
    Sid: "TradaiTables",
    Effect: "Allow",
    Principal: "*",
    Action: [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
    ],
    // Index ARNs are separate resources: queries on a GSI need the second one.
    Resource: [table, `${table}/index/*`],
  });
}
