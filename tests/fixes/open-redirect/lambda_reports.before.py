def lambda_handler(event, context):
    target = (event.get("queryStringParameters") or {}).get("next", "/reports")
    return {"statusCode": 302, "headers": {"Location": target}}
