"""sync/hub"""
