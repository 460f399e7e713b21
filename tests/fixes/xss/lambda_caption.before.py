def handler(event, context):
    caption = (event.get("queryStringParameters") or {}).get("caption", "")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "body": f"<html><body><h2>{caption}</h2></body></html>",
    }
