def lambda_handler(event, context):
    target = (event.get("queryStringParameters") or {}).get("next", "/reports")
    if not target.startswith("/") or target.startswith(("//", "/\\")) or not target.isprintable():
        raise ValueError("redirect target must be a path on this site")
    return {"statusCode": 302, "headers": {"Location": target}}
